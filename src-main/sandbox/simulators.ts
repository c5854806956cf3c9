import { digitalPostSimulator } from './digital-post/digital-post-simulator';
import { mitidSimulator } from './mitid/mitid-simulator';
import { signaturesSimulator } from './signatures/signatures-simulator';
import type { Simulator } from './simulator';

/** Every sandbox simulator. Each integration adds its own here. */
export const SIMULATORS: Simulator[] = [mitidSimulator, signaturesSimulator, digitalPostSimulator];

/**
 * The simulators the app's hosts (Electron, `npm run web`) start in sandbox
 * mode. Digital Post's is started by the Digital Post service itself, because
 * it keeps its mailboxes in a journal in the app's data folder.
 */
export const SIMULATORS_STARTED_BY_HOSTS: Simulator[] = SIMULATORS.filter((s) => s !== digitalPostSimulator);
