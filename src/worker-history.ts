// No filesystem on Workers: the history files a config may name are bundled at deploy, as lookout.config.json is.
// To name another history file in a Worker's config, import it here (its key is its path from the project root).
import xHistory from '../history/x.json' with { type: 'json' };

export const BUNDLED_HISTORY: Readonly<Record<string, unknown>> = {
  'history/x.json': xHistory,
};
