// Live dashboards: join the page's SignalR groups; on "changed", re-fetch this page's content and swap it in place.
(() => {
  const page = document.getElementById("page");
  const status = document.getElementById("live-status");
  if (!page || !status || !window.signalR) return;

  const groups = () => JSON.parse(page.dataset.live || "[]");
  const show = (state, text) => { status.dataset.state = state; status.textContent = text; };

  let timer = null;
  let inFlight = false;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (inFlight) { refresh(); return; }
      inFlight = true;
      try {
        const response = await fetch(location.href, { headers: { "X-Fragment": "1" }, credentials: "same-origin" });
        if (response.ok) {
          const focused = document.activeElement?.id;
          page.innerHTML = await response.text();
          page.dataset.updated = new Date().toISOString();
          if (focused) document.getElementById(focused)?.focus();
        }
      } finally { inFlight = false; }
    }, 150);
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live")
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 30000])
    .build();
  connection.on("changed", refresh);
  const join = async () => { for (const [view, key] of groups()) await connection.invoke("Join", view, key ?? null); };
  connection.onreconnecting(() => show("reconnecting", "Reconnecting…"));
  connection.onreconnected(async () => { await join(); show("live", "Live"); refresh(); });
  connection.onclose(() => show("offline", "Offline — reload to reconnect"));

  connection.start()
    .then(join)
    .then(() => show("live", "Live"))
    .catch(() => show("offline", "Offline — reload to reconnect"));
})();
