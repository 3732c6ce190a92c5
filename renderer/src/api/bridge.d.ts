import type { Transport } from '../../../shared/contract/define';

/**
 * What the Electron preload exposes through contextBridge: exactly the contract, one function.
 * Declared once here; absent in the browser host, where the fetch transport is used instead.
 */
export type Nin1Bridge = {
  invoke: Transport;
};

declare global {
  interface Window {
    nin1?: Nin1Bridge;
  }
}
