type Transaction = { _state: string; _requests: { request: { readyState: string } }[]; _abort(name: string): void; _start(): void; wrote?: boolean };
type Store = { put: (...args: unknown[]) => unknown; add: (...args: unknown[]) => unknown; transaction: Transaction };
type Prototypes = { IDBObjectStore: { prototype: Store }; IDBTransaction: { prototype: Transaction } };

/**
 * Makes every transaction that wrote abort with QuotaExceededError when it would commit, as
 * Chromium does when the origin is over its quota: each write succeeds, then the whole
 * transaction is rolled back.
 */
export function fillThePhone() {
  const { IDBObjectStore, IDBTransaction } = globalThis as unknown as Prototypes;
  const store = IDBObjectStore.prototype;
  const transaction = IDBTransaction.prototype;
  const original = { put: store.put, add: store.add, start: transaction._start };
  for (const method of ['put', 'add'] as const) {
    store[method] = function (this: Store, ...args: unknown[]) {
      this.transaction.wrote = true;
      return original[method].apply(this, args);
    };
  }
  transaction._start = function (this: Transaction) {
    const committing = this._state !== 'finished' && this._requests.every(({ request }) => request.readyState === 'done');
    if (this.wrote && committing) return this._abort('QuotaExceededError');
    return original.start.call(this);
  };
  return () => {
    Object.assign(store, { put: original.put, add: original.add });
    transaction._start = original.start;
  };
}
