// The tickets plugin's browser entry: its pages (<tickets-page>), the Tickets panel on device and contact pages, and
// its home page card. (Its home page quick action is declared in src/plugin.ts, `ui.homeActions`.)
import './home-open-tickets.js';
import './tickets-page.js';
import './tickets-panel.js';
