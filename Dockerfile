FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev && rm -rf dist/test

# The runtime: /app is root's and read-only for the processes (they run as `node`). In
# production (NODE_ENV) a process that verifies tokens refuses to start without configured
# keys (AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE), and needs DATABASE_URL: the embedded PostgreSQL
# would write under /app. The one folder `node` owns is where the compose file's `keys`
# service writes the deployment's key file (a new named volume takes this folder's owner).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
RUN mkdir -p /var/lib/ta-platform/keys && chown node:node /var/lib/ta-platform/keys && chmod 700 /var/lib/ta-platform/keys
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
