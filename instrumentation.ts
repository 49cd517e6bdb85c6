// Runs once when the Next server starts. The Node-only part lives in its own module so the Edge bundle never
// sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/startup.ts");
}
