/**
 * Accounts as a compressed sparse row table over the instrument universe: account a holds positions
 * offsets[a] .. offsets[a+1]-1, each an instrument index and a signed quantity (net per instrument,
 * zero quantities dropped). `cashUsd` is each account's stable collateral in USD.
 */
export type AccountBook = {
  accounts: number;
  offsets: Int32Array;
  instrument: Int32Array;
  qty: Float64Array;
  cashUsd: Float64Array;
};

export type AccountPositions = { positions: ReadonlyArray<{ index: number; qty: number }>; cashUsd?: number };

/** Build a book, netting repeated instruments within an account. */
export function buildAccountBook(accounts: readonly AccountPositions[]): AccountBook {
  const nets: Map<number, number>[] = accounts.map((a) => {
    const net = new Map<number, number>();
    for (const p of a.positions) net.set(p.index, (net.get(p.index) ?? 0) + p.qty);
    for (const [k, q] of net) if (q === 0) net.delete(k);
    return net;
  });
  const total = nets.reduce((n, m) => n + m.size, 0);
  const offsets = new Int32Array(accounts.length + 1);
  const instrument = new Int32Array(total);
  const qty = new Float64Array(total);
  const cashUsd = new Float64Array(accounts.length);
  let k = 0;
  nets.forEach((net, a) => {
    offsets[a] = k;
    for (const [index, q] of net) {
      instrument[k] = index;
      qty[k] = q;
      k++;
    }
    cashUsd[a] = accounts[a]!.cashUsd ?? 0;
  });
  offsets[accounts.length] = k;
  return { accounts: accounts.length, offsets, instrument, qty, cashUsd };
}
