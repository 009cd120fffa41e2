import type { LocalEventBus } from '../events/bus.js';
import { busSubscriberId } from '../events/cluster-delivery.js';
import type { PluginHost } from '../plugins/host.js';
import type { PluginDefinition } from '../plugins/types.js';

/** Starts each plugin (its context and services), dependencies first, and subscribes its subscribers. */
export async function startPlugins(
  host: PluginHost,
  plugins: PluginDefinition[],
  pluginConfig: Map<string, Record<string, unknown>>,
  events: LocalEventBus,
): Promise<void> {
  for (const plugin of plugins) {
    const context = await host.start(plugin, pluginConfig.get(plugin.id)!);
    for (const subscriber of plugin.subscribers ?? []) {
      events.subscribe(subscriber.topic, (event) => subscriber.handle(event, context), {
        subscriberId: busSubscriberId(plugin.id, subscriber.subscriberId),
        delivery: subscriber.delivery,
      });
    }
  }
}
