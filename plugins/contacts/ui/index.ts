// The contacts plugin's browser entry: its pages (<contacts-page>), the Contacts panel on a device's page, and what
// it adds to the home page.
import './contacts-page.js';
import './device-contacts-panel.js';
import './home-actions.js';
