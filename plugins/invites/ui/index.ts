// The invites plugin's browser entry: its pages (<invites-page>) and what it adds to the home page.
import './home-actions.js';
import './home-pending.js';
import './invites-page.js';
