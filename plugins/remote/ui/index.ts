// The remote plugin's browser entry: one import per page or element, added by each part.
import './quick-connect/quick-connect.js';
import './wake/wake-action.js';
