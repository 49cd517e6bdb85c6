/**
 * Days on which the Yahoo Finance / CoinMarketCap close does not match the next day's open by more
 * than 1%, so the close-to-close return carries a spurious move (e.g. BTC 2021-12-14: Yahoo close
 * 46,612.63 while Coinbase closed at 48,367.43 and the next Yahoo open is 48,379.75).
 * Source: `simulations/data/SOURCES.md`, "Known quirk (not corrected)"; the list is re-derived from
 * the files by a unit test so it cannot silently drift from the data.
 * Correction applied by `loadDailySeries`: close(D) := open(D+1), as SOURCES.md recommends.
 */
export const KNOWN_BAD_CLOSES: Readonly<Record<string, readonly string[]>> = {
  BTC: [
    "2015-01-09",
    "2015-08-18",
    "2015-09-17",
    "2017-01-23",
    "2017-05-17",
    "2017-06-03",
    "2018-02-05",
    "2018-03-18",
    "2021-01-28",
    "2021-05-12",
    "2021-11-24",
    "2021-11-25",
    "2021-12-14",
    "2023-01-11",
  ],
  ETH: [
    "2017-12-11",
    "2017-12-12",
    "2018-02-05",
    "2018-03-18",
    "2021-01-28",
    "2021-05-12",
    "2021-06-14",
    "2021-06-15",
    "2021-06-23",
    "2021-09-08",
    "2021-11-25",
    "2021-12-14",
    "2022-05-28",
    "2023-01-11",
  ],
};
