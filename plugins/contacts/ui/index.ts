// The contacts plugin's browser entry: its pages (<contacts-page>) and the Contacts panel on a device's page. (Its
// home page quick action is declared in src/plugin.ts, `ui.homeActions`.)
import './contacts-page.js';
import './device-contacts-panel.js';
