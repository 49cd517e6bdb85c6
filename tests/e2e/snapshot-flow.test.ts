// The vote, end to end in chromium against the production build and the local Snapshot hub: a backed proposal is
// submitted from its page with the author's wallet (the hub verifies the real EIP-712 signature), two members vote
// from the page, the periodic sync moves the proposal to passed, and enacting it changes the live parameter set.
// Reaching "backed" (endorsements, review) goes through the app's API with real SIWE sessions: those steps have
// their own browser tests; here the browser does the Snapshot part.
import { createTRPCClient, httpLink } from "@trpc/client";
import type { Browser, BrowserContext } from "playwright-core";
import superjson from "superjson";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AppRouter } from "../../server/api/root.ts";
import { demoWallets } from "../../server/services/demo/demo-wallets.ts";
import { launchBrowser, screenshot, watchConsole } from "../support/browser.ts";
import { bob, carol } from "../support/wallets.ts";

const baseUrl = inject("baseUrl");
const hubUrl = inject("snapshotHubUrl");
const host = new URL(baseUrl).host;

type Account = ReturnType<typeof privateKeyToAccount>;
const demo = Object.fromEntries(demoWallets().map((w) => [w.label, w]));
const account = (label: string) => privateKeyToAccount(demo[label]!.privateKey);

/** Signs in through SIWE over HTTP; returns an API client carrying the session and the cookie for the browser. */
async function signIn(who: Account) {
  let cookie = "";
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/api/trpc`,
        transformer: superjson,
        headers: () => ({ origin: baseUrl, ...(cookie ? { cookie } : {}) }),
        fetch: async (url, init) => {
          const res = await fetch(url, init as RequestInit);
          const set = res.headers.get("set-cookie");
          const token = set ? /marginlab_session=([^;]*)/.exec(set)?.[1] : undefined;
          if (token) cookie = `marginlab_session=${token}`;
          return res;
        },
      }),
    ],
  });
  const { nonce } = await client.auth.nonce.mutate();
  const message = createSiweMessage({
    address: who.address,
    chainId: 1,
    domain: host,
    uri: baseUrl,
    nonce,
    version: "1",
    statement: "Sign in to MarginLab.",
    issuedAt: new Date(),
  });
  await client.auth.signIn.mutate({ message, signature: await who.signMessage({ message }) });
  const token = decodeURIComponent(cookie.split("=")[1] ?? "");
  return { api: client, token };
}

/**
 * A browser context signed in as `who`, whose wallet is an injected EIP-1193 provider answering from a key held in
 * the test process (the key never enters the page).
 */
async function walletContext(browser: Browser, who: Account, token: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([
    {
      name: "marginlab_session",
      value: encodeURIComponent(token),
      url: baseUrl,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  await context.exposeFunction("__wallet", async (method: string, params: unknown[]) => {
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [who.address];
      case "eth_chainId":
        return "0x1";
      case "personal_sign":
        return who.signMessage({ message: { raw: params[0] as `0x${string}` } });
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(params[1] as string);
        const { EIP712Domain: _, ...types } = typed.types;
        return who.signTypedData({
          domain: typed.domain,
          types,
          primaryType: typed.primaryType,
          message: typed.message,
        });
      }
      default:
        throw Object.assign(new Error(`${method} is not supported by the test wallet`), { code: 4200 });
    }
  });
  await context.addInitScript(() => {
    const call = (window as unknown as { __wallet: (m: string, p: unknown[]) => Promise<unknown> }).__wallet;
    (window as unknown as { ethereum: unknown }).ethereum = {
      isMetaMask: false,
      request: ({ method, params = [] }: { method: string; params?: unknown[] }) =>
        call(method, params).catch((e: { message?: string; code?: number }) => {
          throw Object.assign(new Error(e.message ?? "wallet error"), { code: e.code ?? 4200 });
        }),
      on: () => {},
      removeListener: () => {},
    };
  });
  return context;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Snapshot vote from the proposal page", () => {
  it("submits a backed proposal, takes two members' votes, the vote closes and syncs to passed, and enacting changes the live set everywhere", async () => {
    const author = account("Demo member A");
    const steward = account("Demo steward");
    const as = {
      author: await signIn(author),
      steward: await signIn(steward),
      bob: await signIn(bob),
      carol: await signIn(carol),
    };

    // The seeded proposal by member A, with its finished report: two endorsements and a steward's approval.
    const list = await as.author.api.proposals.list.query({ state: "published" });
    const seeded = list.find((p) => p.author === author.address.toLowerCase());
    expect(seeded).toBeDefined();
    const proposal = await as.author.api.proposals.get.query({ number: seeded!.number });
    for (const [who, acct] of [
      ["bob", bob],
      ["carol", carol],
    ] as const) {
      const typed = await as[who].api.proposals.endorsementRequest.query({ proposalId: proposal.id });
      await as[who].api.proposals.endorse.mutate({
        proposalId: proposal.id,
        signature: await acct.signTypedData(typed as never),
      });
    }
    const reviewed = await as.steward.api.proposals.review.mutate({
      proposalId: proposal.id,
      verdict: "approve",
      comment: "Checked.",
    });
    expect(reviewed.state).toBe("backed");

    // The author submits from the page; the wallet signs the Snapshot message.
    const authorContext = await walletContext(browser, author, as.author.token);
    const page = await authorContext.newPage();
    const errors = watchConsole(page);
    await page.goto(`${baseUrl}/proposals/${proposal.number}`, { waitUntil: "networkidle" });
    const panel = page.getByRole("region", { name: "Snapshot vote" });
    await panel.getByRole("button", { name: "Submit to Snapshot" }).click();
    // Polling the panel's text shows any error it displays if this fails.
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain("Submitted to Snapshot.");
    const submitted = await as.author.api.proposals.get.query({ number: proposal.number });
    expect(submitted.snapshotId).toMatch(/^0x[0-9a-f]{64}$/);
    // The hub holds it, signed by the author.
    const onHub = (await (
      await fetch(`${hubUrl}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "query($id: String) { proposal(id: $id) { author title } }",
          variables: { id: submitted.snapshotId },
        }),
      })
    ).json()) as { data: { proposal: { author: string; title: string } } };
    expect(onHub.data.proposal.author.toLowerCase()).toBe(author.address.toLowerCase());
    await screenshot(page, "snapshot-submitted");

    // The periodic sync (every 2 s in the e2e app) opens the vote; two members vote from the page.
    await expect
      .poll(async () => (await as.author.api.proposals.get.query({ number: proposal.number })).state, {
        timeout: 20_000,
      })
      .toBe("active");
    for (const [who, acct] of [
      ["bob", bob],
      ["carol", carol],
    ] as const) {
      const context = await walletContext(browser, acct, as[who].token);
      const voterPage = await context.newPage();
      const voterErrors = watchConsole(voterPage);
      await voterPage.goto(`${baseUrl}/proposals/${proposal.number}`, { waitUntil: "networkidle" });
      const voterPanel = voterPage.getByRole("region", { name: "Snapshot vote" });
      await voterPanel.getByRole("button", { name: "For", exact: true }).click();
      await expect
        .poll(() => voterPanel.textContent(), { timeout: 30_000 })
        .toContain("Your vote (For) is recorded on Snapshot.");
      await expect.poll(() => voterPanel.textContent(), { timeout: 10_000 }).toMatch(/Your vote: For/);
      if (who === "carol") await screenshot(voterPage, "snapshot-voted");
      expect(voterErrors).toEqual([]);
      await context.close();
    }
    const status = await as.author.api.snapshot.status.query({ proposalId: proposal.id });
    expect(status.vote).toMatchObject({ scores: [2, 0, 0], quorum: 2, quorumReached: true });

    // The page says when the vote ends and what follows; the vote then closes by itself at the end of the space's
    // short voting period, and the app's periodic sync moves the proposal to passed (no dev control involved).
    await page.reload({ waitUntil: "networkidle" });
    const nextSteps = page.getByTestId("vote-next-steps");
    await expect
      .poll(() => nextSteps.textContent(), { timeout: 20_000 })
      .toMatch(/The vote ends at .* \(in /);
    await expect(nextSteps.textContent()).resolves.toMatch(/a steward enacts it/);
    await expect
      .poll(async () => (await as.author.api.proposals.get.query({ number: proposal.number })).state, {
        timeout: 120_000,
        interval: 2_000,
      })
      .toBe("passed");
    // The open page follows the sync to passed by itself.
    await page.locator(".proposal-head .badge.state-passed").waitFor({ timeout: 30_000 });
    await screenshot(page, "snapshot-passed");

    // A steward enacts it from the page: the proposed parameters become live.
    const before = await as.author.api.parameters.live.query();
    const stewardContext = await walletContext(browser, steward, as.steward.token);
    const stewardPage = await stewardContext.newPage();
    const stewardErrors = watchConsole(stewardPage);
    await stewardPage.goto(`${baseUrl}/proposals/${proposal.number}`, { waitUntil: "networkidle" });
    await stewardPage.getByRole("button", { name: "Enact as the new live parameter set" }).click();
    // The page turns to the enacted proposal: it says it is the live set.
    await stewardPage
      .locator(".notice.success")
      .filter({ hasText: "Enacted: this proposal is the live parameter set" })
      .waitFor({ timeout: 20_000 });
    const after = await as.author.api.parameters.live.query();
    const version = (before?.version ?? 0) + 1;
    expect(after?.version).toBe(version);
    expect(after?.proposalId).toBe(proposal.id);
    expect(after?.params).toEqual(proposal.proposedParams);

    // Every page now reads the same live set: the enacted proposal says it is the live set (no stale banner).
    await stewardPage.reload({ waitUntil: "networkidle" });
    const head = stewardPage.locator(".proposal-head");
    await expect(head.textContent()).resolves.toContain(`enacted as v${version} (the live set)`);
    await expect(stewardPage.locator(".notice.success").textContent()).resolves.toContain(
      `Enacted: this proposal is the live parameter set, v${version}.`,
    );
    const body = (await stewardPage.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/must be rebased|simulated against v\d/);
    await screenshot(stewardPage, "snapshot-enacted");

    await stewardPage.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    await expect(stewardPage.locator("#live-heading").textContent()).resolves.toContain(`v${version}`);
    const protocol = stewardPage.locator("section[aria-labelledby=protocol-heading]");
    await expect(protocol.locator("h2").textContent()).resolves.toContain(`under live v${version}`);
    // The report's proposed side is the live set now: the cards show it, and the old set as "before".
    const protocolText = (await protocol.textContent()) ?? "";
    expect(protocolText).toContain(`before #${proposal.number} (v${version - 1})`);
    expect(protocolText).not.toContain(`#${proposal.number} proposes`);
    await expect(stewardPage.getByTestId("margin-base").textContent()).resolves.toMatch(
      /Margin held today .* by the simulated population of [\d,]+ accounts/,
    );
    await expect(
      stewardPage.locator("section[aria-labelledby=market-heading] h3").first().textContent(),
    ).resolves.toContain(`(v${version})`);
    await screenshot(stewardPage, "dashboard-after-enactment");

    await stewardPage.goto(`${baseUrl}/parameters`, { waitUntil: "networkidle" });
    const liveSection = stewardPage.locator("section[aria-labelledby=live-heading]");
    await expect(liveSection.locator("h2").textContent()).resolves.toContain(`v${version}`);
    await expect(liveSection.textContent()).resolves.toContain(`from #${proposal.number}`);
    expect(stewardErrors).toEqual([]);
    await stewardContext.close();
    expect(errors).toEqual([]);
    await authorContext.close();
  }, 300_000);
});
