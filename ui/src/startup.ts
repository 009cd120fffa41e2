// The app's first module: sends the start-up requests (startup-requests.ts) before the rest of the app's code is
// evaluated, which then takes them with startupRequests().
import { askStartup, signedOutPaths } from './startup-requests.js';

if (!signedOutPaths.includes(location.pathname)) window.outpostStartup = askStartup();
