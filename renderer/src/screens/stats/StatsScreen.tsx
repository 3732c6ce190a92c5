/** 統計報表 (issue 7): placeholder reserved for the screen being built. */
export function StatsScreen() {
  return (
    <div>
      <h1 className="page-title">統計報表</h1>
    </div>
  );
}
