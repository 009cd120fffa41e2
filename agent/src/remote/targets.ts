// What a remote session's tunnel connects to on the device (DESIGN 4): each kind of session
// (`vnc`, `terminal`, `files`, `tcp`) is a target registered here by its own module.
import type { Duplex } from 'node:stream';

/** A JSON control message on a tunnel (a text message): `{ type: 'resize', cols, rows }`. */
export interface ControlMessage {
  type: string;
  [key: string]: unknown;
}

/** Sends text (JSON) messages to the browser at the other end. */
export interface TunnelControl {
  send(message: ControlMessage): void;
}

export interface OpenedTarget {
  /** Bytes both ways (binary messages). */
  stream: Duplex;
  /** Text (JSON) messages from the browser. */
  onControl?(message: ControlMessage): void;
  close(): void;
}

/** Opens the target for one session; rejects with a message the technician can act on. */
export type TunnelTarget = (
  options: Record<string, unknown>,
  control: TunnelControl,
  who: { technician: string },
) => Promise<OpenedTarget>;

const kindPattern = /^[a-z][a-z0-9-]{0,31}$/;
const targets = new Map<string, TunnelTarget>();

/** Registers the target of a session kind; a kind is registered once. */
export function registerTarget(kind: string, target: TunnelTarget): void {
  if (!kindPattern.test(kind)) throw new Error(`tunnel target kind "${kind}" must match ${kindPattern}`);
  if (targets.has(kind)) throw new Error(`tunnel target "${kind}" is registered twice`);
  targets.set(kind, target);
}

export function targetOf(kind: string): TunnelTarget | undefined {
  return targets.get(kind);
}

export function targetKinds(): string[] {
  return [...targets.keys()].sort();
}
