import type { Directory } from '@outpost/core';
import type { DeviceQuota } from '../admission.js';
import type { Knex } from 'knex';
import type { GeoIp } from '../geoip.js';
import type { DeviceList } from '../list.js';
import { DeviceChanges } from './changes.js';
import { DeviceCounts } from './counts.js';
import { DeviceEnroller } from './enroller.js';
import { DeviceGroups } from './groups.js';
import { DevicePresence, type StatusMail } from './presence.js';
import { DeviceReads } from './reads.js';
import { AgentReports } from './reports.js';
import { DeviceSharing } from './sharing.js';
import type { Publisher } from './values.js';

export type { StatusMail } from './presence.js';

/**
 * The device registry, one service per job. Each method that takes a TenantScope only
 * ever touches that tenant's rows.
 */
export interface DeviceRegistry {
  /** Enrollment and device credentials. */
  enroller: DeviceEnroller;
  /** The connection lifecycle the agent channel reports. */
  presence: DevicePresence;
  /** Status, system information and screenshots the agent sends. */
  reports: AgentReports;
  /** A device's page, screenshot, connection log; the overview. */
  reads: DeviceReads;
  /** Device counts for the quota and enrollment sources. */
  counts: DeviceCounts;
  /** Fields, tags, bulk actions and Trash. */
  changes: DeviceChanges;
  /** Favorites and shares. */
  sharing: DeviceSharing;
  groups: DeviceGroups;
}

export function createDeviceRegistry(deps: {
  db: Knex;
  events: Publisher;
  quotas: DeviceQuota;
  geo: GeoIp;
  list: DeviceList;
  directory: Directory;
  instanceId: string;
  /** Queues the device's status mail (its notification e-mail) once, on the instance that saw the change. */
  queueStatusMail: (mail: StatusMail) => Promise<unknown>;
}): DeviceRegistry {
  const { db, events } = deps;
  const groups = new DeviceGroups(db, events);
  const counts = new DeviceCounts(db);
  const reads = new DeviceReads(db, deps.list, groups, deps.directory);
  return {
    enroller: new DeviceEnroller(db, events, deps.quotas, deps.geo, counts),
    presence: new DevicePresence(db, events, deps.geo, deps.instanceId, deps.queueStatusMail),
    reports: new AgentReports(db, events),
    reads,
    counts,
    changes: new DeviceChanges(db, events, reads, groups),
    sharing: new DeviceSharing(db, events, reads, deps.directory),
    groups,
  };
}
