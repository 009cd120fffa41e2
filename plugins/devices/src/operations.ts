import type { AgentOperation, AgentOperationDefinition, AgentOperations } from './api.js';

const operationName = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;

/** The registry behind `agentOperationsRef`. */
export class AgentOperationRegistry implements AgentOperations {
  private readonly byName = new Map<string, AgentOperation>();

  constructor(private readonly isDeclaredPermission: (permission: string) => boolean) {}

  register(owner: string, operations: readonly AgentOperationDefinition[]): void {
    const problems: string[] = [];
    const names = new Set<string>();
    for (const operation of operations) {
      const at = `plugin "${owner}": agent operation "${operation.name}"`;
      if (!operationName.test(operation.name)) problems.push(`${at} must be named category:name`);
      const taken = this.byName.get(operation.name)?.owner ?? (names.has(operation.name) ? owner : undefined);
      if (taken) problems.push(`${at} is also registered by plugin "${taken}"`);
      if (!this.isDeclaredPermission(operation.permission))
        problems.push(`${at} needs undeclared permission "${operation.permission}"`);
      names.add(operation.name);
    }
    if (problems.length > 0) throw new Error(problems.join('; '));
    for (const operation of operations) this.byName.set(operation.name, { ...operation, owner });
  }

  list(): AgentOperation[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): AgentOperation | undefined {
    return this.byName.get(name);
  }
}
