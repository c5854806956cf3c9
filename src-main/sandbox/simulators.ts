import { digitalPostSimulator } from './digital-post/digital-post-simulator';
import { signaturesSimulator } from './signatures/signatures-simulator';
import type { Simulator } from './simulator';

/** Every sandbox simulator. Each integration adds its own here. */
export const SIMULATORS: Simulator[] = [digitalPostSimulator, signaturesSimulator];
