// The invites plugin's browser entry: its pages (<invites-page>), what it adds to the home page and the devices list,
// and its Settings tabs' elements (<invites-branding> on Invite page, <invites-widget-settings> on Widgets).
import './devices-list-actions.js';
import './home-actions.js';
import './home-pending.js';
import './invite-branding.js';
import './invites-page.js';
import './widget-settings.js';
