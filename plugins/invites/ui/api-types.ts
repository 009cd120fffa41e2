// The answers of the invites API, typed from the schemas the routes answer with (../src/routes.ts). Codes and links
// are left out for those who may not create what they open: they are optional.
import type { Static } from '@sinclair/typebox';
import type {
  Branding as BrandingSchema,
  Deployment as DeploymentSchema,
  Invite as InviteSchema,
  SupportInvitation as SupportInvitationSchema,
  Widget as WidgetSchema,
} from '../src/routes.js';

export type { DownloadOs } from '../src/service.js';

export type SupportInvitation = Static<typeof SupportInvitationSchema>;
export type Deployment = Static<typeof DeploymentSchema>;
/** What customers see on invite pages. */
export type Branding = Static<typeof BrandingSchema>;
/** The code-entry widget for the MSP's website. */
export type CodeWidget = Static<typeof WidgetSchema>;
export type Invite = Static<typeof InviteSchema>;

/** A device group (the devices plugin's GET /devices/groups), with the fields these pages read. */
export interface DeviceGroup {
  id: string;
  name: string;
}
