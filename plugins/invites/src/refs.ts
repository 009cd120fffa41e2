import { type FailureThrottle, type Outbound, createServiceRef } from '@outpost/core';
import type { AgentPackage } from './agent-package.js';
import type { CustomClientOptions } from './custom-client.js';
import type { DeploymentService } from './deployments.js';
import type { InviteService } from './service.js';
import type { SupportInvitations } from './support.js';
import type { WidgetService } from './widget.js';

/** What the public pages need beside the services. */
export interface PublicPages {
  agentPackage: AgentPackage;
  /** Wrong codes per address, on the invite pages and the widget alike. */
  throttle: FailureThrottle;
  /** The core's outbound service, for custom client downloads. */
  outbound: Outbound;
  customClients: CustomClientOptions;
}

export const invitesRef = createServiceRef<InviteService>('invites.service');
export const deploymentsRef = createServiceRef<DeploymentService>('invites.deployments');
export const supportRef = createServiceRef<SupportInvitations>('invites.support');
export const widgetRef = createServiceRef<WidgetService>('invites.widget');
export const publicPagesRef = createServiceRef<PublicPages>('invites.public-pages');
