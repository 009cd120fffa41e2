import { type RouteDefinition, collectPages, defineRoute, sendCsv } from '@outpost/core';
import type { Static } from '@sinclair/typebox';
import { remoteRef } from '../refs.js';
import {
  CreateSessionBody,
  CreatedSession,
  Session,
  SessionCsvQuery,
  SessionList,
  SessionListQuery,
  SessionParams,
} from '../schemas.js';

/** Remote sessions: open one (the device's agent opens its tunnel), list them, end one. */
export const sessionRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post',
    path: '/sessions',
    summary:
      "Open a remote session on a device: its agent opens the tunnel, and the browser connects to the answer's socketPath",
    permission: 'device.connect',
    status: 201,
    schema: { body: CreateSessionBody, response: CreatedSession },
    handler: ({ body, scope }) => scope.get(remoteRef).sessions.create(scope.principal!, body),
  }),
  defineRoute({
    method: 'get',
    path: '/sessions',
    summary: 'Remote sessions of the tenant, newest first: the live ones (state=live, the default) or all',
    permission: 'remote.session.view',
    schema: { query: SessionListQuery, response: SessionList },
    handler: ({ query, scope }) => scope.get(remoteRef).sessions.list(scope.tenant, query),
  }),
  defineRoute({
    method: 'get',
    path: '/sessions.csv',
    summary:
      'The session log as CSV, with the same filters as the list (device or devices, technician, unattended, from, to); all sessions unless state=live',
    permission: 'remote.session.view',
    schema: { query: SessionCsvQuery },
    handler: async ({ query, scope, ctx }) => {
      const { sessions } = scope.get(remoteRef);
      const items = await collectPages((cursor, limit) => sessions.list(scope.tenant, { ...query, cursor, limit }));
      sendCsv(ctx, 'remote-sessions.csv', sessionRows(items));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/sessions/:id',
    summary: 'One remote session',
    permission: 'remote.session.view',
    schema: { params: SessionParams, response: Session },
    handler: ({ params, scope }) => scope.get(remoteRef).sessions.get(scope.tenant, params.id),
  }),
  defineRoute({
    method: 'delete',
    path: '/sessions/:id',
    summary:
      "End a live session at once, on whichever instance holds its tunnel (another technician's needs remote.session.manage)",
    permission: 'device.connect',
    schema: { params: SessionParams },
    handler: async ({ params, scope }) => {
      await scope.get(remoteRef).sessions.terminate(scope.principal!, scope.tenant, params.id);
    },
  }),
];

/** The CSV's header and lines: times in UTC, the duration in seconds (empty while live). */
function sessionRows(items: Static<typeof Session>[]): unknown[][] {
  return [
    [
      'started',
      'ended',
      'device',
      'technician',
      'kind',
      'duration_seconds',
      'unattended',
      'end_reason',
      'ended_by',
      'bytes_to_device',
      'bytes_from_device',
    ],
    ...items.map((s) => [
      s.startedAt,
      s.endedAt ?? '',
      s.deviceName,
      s.technician,
      s.kind,
      s.endedAt ? Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000) : '',
      s.unattended ? 'yes' : 'no',
      s.endReason ?? '',
      s.endedBy ?? '',
      s.bytesToDevice,
      s.bytesFromDevice,
    ]),
  ];
}
