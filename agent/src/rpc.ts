import { type RpcError, type RpcMessage, rpcErrors } from './protocol.js';

/** An error a handler throws to answer a request with a JSON-RPC error. */
export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export interface RpcHandlers {
  /** Answers a request; throw RpcFailure for a JSON-RPC error. */
  request(method: string, params: unknown): Promise<unknown>;
  /** Takes a notification; throw RpcFailure to report a violation. */
  notification(method: string, params: unknown): void;
}

export interface RpcPeerOptions {
  /** Called for frames that break the protocol (bad JSON, not JSON-RPC, unknown methods). */
  onViolation?(reason: string): void;
  requestTimeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One side of a JSON-RPC 2.0 conversation over a text channel. */
export class RpcPeer {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly send: (text: string) => void,
    private readonly handlers: RpcHandlers,
    private readonly options: RpcPeerOptions = {},
  ) {}

  request<T = unknown>(
    method: string,
    params: unknown,
    timeoutMs = this.options.requestTimeoutMs ?? 30_000,
  ): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RpcFailure(rpcErrors.operationFailed, `no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  notify(method: string, params: unknown): void {
    this.send(JSON.stringify({ jsonrpc: '2.0', method, params }));
  }

  /** Handles one received frame. */
  receive(text: string): void {
    let message: RpcMessage;
    try {
      // JSON carries a NUL character only as the escape \u0000: look closer only then.
      message = (text.includes('\\u0000') ? JSON.parse(text, withoutNul) : JSON.parse(text)) as RpcMessage;
    } catch {
      this.reply(null, { code: rpcErrors.parse, message: 'frame is not JSON' });
      return this.options.onViolation?.('frame is not JSON');
    }
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') {
      this.reply(null, { code: rpcErrors.invalidRequest, message: 'not a JSON-RPC 2.0 message' });
      return this.options.onViolation?.('not a JSON-RPC 2.0 message');
    }
    if ('method' in message && typeof message.method === 'string') {
      const id = 'id' in message ? message.id : undefined;
      if (id === undefined) return this.takeNotification(message.method, message.params);
      void this.answer(id, message.method, message.params);
      return;
    }
    if ('id' in message && typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if ('error' in message)
        pending.reject(
          new RpcFailure(
            message.error?.code ?? rpcErrors.operationFailed,
            String(message.error?.message ?? 'failed'),
            message.error?.data,
          ),
        );
      else pending.resolve((message as { result: unknown }).result);
      return;
    }
    this.options.onViolation?.('a message that is neither a request nor an answer');
  }

  /** Fails every request still waiting for an answer. */
  close(reason: string): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RpcFailure(rpcErrors.operationFailed, reason));
      this.pending.delete(id);
    }
  }

  private takeNotification(method: string, params: unknown): void {
    try {
      this.handlers.notification(method, params);
    } catch (error) {
      this.options.onViolation?.(error instanceof RpcFailure ? error.message : `notification ${method} failed`);
    }
  }

  private async answer(id: number | string | null, method: string, params: unknown): Promise<void> {
    try {
      const result = await this.handlers.request(method, params);
      this.send(JSON.stringify({ jsonrpc: '2.0', id, result: result ?? null }));
    } catch (error) {
      const failure =
        error instanceof RpcFailure ? error : new RpcFailure(rpcErrors.operationFailed, 'the operation failed');
      this.reply(id, {
        code: failure.code,
        message: failure.message,
        ...(failure.data === undefined ? {} : { data: failure.data }),
      });
      if (failure.code === rpcErrors.methodNotFound)
        this.options.onViolation?.(`unknown method ${JSON.stringify(method.slice(0, 64))}`);
    }
  }

  private reply(id: number | string | null, error: RpcError): void {
    try {
      this.send(JSON.stringify({ jsonrpc: '2.0', id, error }));
    } catch {
      // The channel is closing; nothing to tell.
    }
  }
}

/**
 * NUL characters cannot be stored in PostgreSQL text and cut strings short in logs and C
 * libraries: text received from a peer carries U+FFFD in their place.
 */
function withoutNul(_key: string, value: unknown): unknown {
  const clean = (text: string) => text.replaceAll('\0', '\uFFFD');
  if (typeof value === 'string') return clean(value);
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).some((key) => key.includes('\0'))
  ) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [clean(key), item]));
  }
  return value;
}
