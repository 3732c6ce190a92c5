import type { Migration } from '../migrate';
import { m001Initial } from './001_initial';

/** Numbered migrations, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m001Initial];
