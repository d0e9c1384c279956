# syntax=docker/dockerfile:1

# ---- build: compile TypeScript (src/, migrations/) to dist/, and the desk (web/) to dist/desk ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
# swagger-ui-dist's install script would try to send install analytics.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY web ./web
RUN npm run build

# ---- runtime: production dependencies and dist/ only ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
# dist/ whole: dist/src/main.js, the compiled migrations in dist/migrations and the desk in dist/desk,
# which the app applies itself at start. Owned by root, so the app can't change them.
COPY --from=build /app/dist ./dist

# The official image's unprivileged user.
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# Not `npm start`: its prestart step would rebuild, which needs the dev dependencies.
CMD ["node", "dist/src/main.js"]
