// Gust managed runtime bootstrap for Node.js (placeholder until the bootstrap lands).
process.exit(1);
