// The remote plugin's browser entry: its pages (<remote-page>) and what it adds to the devices pages.
import './quick-connect/quick-connect.js';
import './remote-page.js';
import './viewer/connect-action.js';
import './wake/wake-action.js';
import './history/device-sessions.js';
import './history/contact-sessions.js';
