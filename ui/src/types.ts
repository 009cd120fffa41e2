/** A session as `GET /account/sessions` and the session-limit answer list it. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string;
  device: string;
  software: string;
  current?: boolean;
}
