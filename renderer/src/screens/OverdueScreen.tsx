/** 逾時未回報案件 (issue 7): placeholder reserved for the screen being built. */
export function OverdueScreen() {
  return (
    <div>
      <h1 className="page-title">逾時未回報案件</h1>
    </div>
  );
}
