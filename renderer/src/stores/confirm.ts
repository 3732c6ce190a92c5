import { create } from 'zustand';

export type ConfirmRequest = {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
};

type ConfirmState = {
  request: (ConfirmRequest & { resolve(answer: boolean): void }) | null;
  ask(request: ConfirmRequest): Promise<boolean>;
  answer(value: boolean): void;
};

/** One modal question at a time (e.g. 放棄草稿?), answered from ConfirmDialog. */
export const useConfirm = create<ConfirmState>()((set, get) => ({
  request: null,
  ask: (request) =>
    new Promise<boolean>((resolve) => {
      get().request?.resolve(false);
      set({ request: { ...request, resolve } });
    }),
  answer(value) {
    const r = get().request;
    set({ request: null });
    r?.resolve(value);
  },
}));

export const confirmDialog = (request: ConfirmRequest): Promise<boolean> => useConfirm.getState().ask(request);
