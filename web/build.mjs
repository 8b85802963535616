// Bundles the studio's front end into dist/ (not committed): dist/app.js from src/main.js with its
// npm libraries, plus the page and the style sheet. Run by `npm run build` (wijksim.sh build does it).
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/main.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outfile: "dist/app.js",
  legalComments: "eof",
  logLevel: "warning",
});
for (const file of ["index.html", "studio.css"]) copyFileSync(`src/${file}`, `dist/${file}`);
console.log("web/dist: app.js, index.html, studio.css");
