import { contextBridge, ipcRenderer } from 'electron';
import type { Transport } from '../../shared/contract/define';

// Exposes exactly the contract's transport and nothing else: no ipcRenderer, no Node.
const invoke: Transport = (method, input, session) => ipcRenderer.invoke('nin1:invoke', { method, input, session });

contextBridge.exposeInMainWorld('nin1', { invoke });
