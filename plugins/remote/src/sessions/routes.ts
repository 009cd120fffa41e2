import { type RouteDefinition, defineRoute } from '@outpost/core';
import { remoteRef } from '../refs.js';
import {
  CreateSessionBody,
  CreatedSession,
  Session,
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
