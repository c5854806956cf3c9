import { mitidSimulator } from './mitid/mitid-simulator';
import type { Simulator } from './simulator';

/** Every sandbox simulator. Each integration adds its own here. */
export const SIMULATORS: Simulator[] = [mitidSimulator];
