import type { AgentOperationDefinition, PluginDefinition } from './types.js';

/** Every agent operation the enabled plugins declare, by name. */
export class AgentOperations {
  private readonly byName: Map<string, AgentOperationDefinition & { owner: string }>;

  constructor(plugins: PluginDefinition[]) {
    this.byName = new Map(
      plugins.flatMap((p) => (p.agentOperations ?? []).map((op) => [op.name, { ...op, owner: p.id }] as const)),
    );
  }

  list(): Array<AgentOperationDefinition & { owner: string }> {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): (AgentOperationDefinition & { owner: string }) | undefined {
    return this.byName.get(name);
  }
}
