//! Fails when `ui/src/bindings.ts` no longer matches the Rust DTOs.

#[test]
fn generated_typescript_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let want = gongkai_app::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.ts 已过期：运行 UPDATE_BINDINGS=1 cargo test -p gongkai-app --test bindings 重新生成"
    );
}
