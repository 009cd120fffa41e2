// The tickets plugin's browser entry: its pages (<tickets-page>), the Tickets panel on device and contact pages, and
// what it adds to the home page.
import './home-actions.js';
import './home-open-tickets.js';
import './tickets-page.js';
import './tickets-panel.js';
