/**
 * The bundle's Dockerfile: a small Node base image, a non-root user, NODE_ENV=production, a
 * HEALTHCHECK written in Node (small images have no curl) and serve.mjs on port 8080. `abTest`
 * (an A/B bundle) adds how to keep the decision log outside the container.
 */
export function bundleDockerfile(id: { name: string; version: string | number }, abTest = false): string {
  const image = String(id.name).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 60) || 'model';
  const tag = `${image}:${String(id.version).replace(/[^A-Za-z0-9_.-]/g, '-')}`;
  return [
    abTest
      ? `# Dockerfile for the A/B test ${JSON.stringify(String(id.name))} (salt ${JSON.stringify(String(id.version))}), written by Modelbench.`
      : `# Dockerfile for model ${JSON.stringify(String(id.name))} version ${JSON.stringify(String(id.version))}, written by Modelbench.`,
    '# Build and run from the unzipped bundle folder:',
    `#   docker build -t ${tag} .`,
    abTest
      ? `#   docker run --init -p 8080:8080 -v "$PWD/logs:/app/logs" ${tag} --decision-log logs/decisions.ndjson --admin-token "$TOKEN"`
      : `#   docker run --init -p 8080:8080 ${tag}`,
    ...(abTest ? ['# The volume keeps the decision log (every routing decision, one NDJSON line each) when the container goes; the', '# logs folder must be writable by uid 1000 (the image\'s node user).'] : []),
    '# --init (or an equivalent such as tini) puts an init process in front of Node so that SIGTERM from',
    '# `docker stop` reaches the server, which then finishes in-flight requests, flushes its logs and exits 0.',
    'FROM node:20-alpine',
    'ENV NODE_ENV=production',
    'WORKDIR /app',
    'COPY --chown=node:node . .',
    'USER node',
    'EXPOSE 8080',
    'HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\',
    `  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    // ENTRYPOINT rather than CMD: flags after the image name on `docker run` are passed on to serve.mjs.
    'ENTRYPOINT ["node", "serve.mjs", "--host", "0.0.0.0", "--port", "8080"]',
    '',
  ].join('\n');
}
