/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the schema engine load their .wasm files from node_modules at run time: bundling rewrites the
  // file URLs and breaks them (see README, "Embedded database").
  serverExternalPackages: ["@electric-sql/pglite", "@prisma/schema-engine-wasm", "pglite-prisma-adapter"],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project (npm test runs it first); checking again here would double the
  // build time and make a build fail on code the app does not import.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Everywhere, static files included; the per-request Content-Security-Policy is set in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
