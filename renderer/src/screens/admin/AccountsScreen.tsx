/** 帳號與權限管理 (issue 7): placeholder reserved for the screen being built. */
export function AccountsScreen() {
  return (
    <div>
      <h1 className="page-title">帳號與權限管理</h1>
    </div>
  );
}
