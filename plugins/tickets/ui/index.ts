// The tickets plugin's browser entry: its pages (<tickets-page>), the Tickets panel on device and contact pages, and
// its home page card, and <tickets-support-widget>, its part of the Widgets tab in Settings. (Its home page quick action
// and its Settings tab are declared in src/plugin.ts, `ui.homeActions` and `ui.settings`.)
import './home-open-tickets.js';
import './support-widget-settings.js';
import './tickets-page.js';
import './tickets-panel.js';
