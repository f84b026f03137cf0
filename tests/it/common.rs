//! Fresh databases for tests: a SQLite file in a temporary directory, and a new database
//! on the PostgreSQL server named by `FLAGWATCH_TEST_POSTGRES` (required when `CI` is set).

use flagwatch::store::Store;
use sqlx::{AnyPool, Executor};

/// A database that lives as long as this value.
pub struct TestDb {
    pub url: String,
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("flagwatch.db").display());
        let store = Store::open(&url).await.unwrap();
        TestDb {
            url,
            store,
            _dir: Some(dir),
        }
    }

    /// `None` when no PostgreSQL server is configured outside CI.
    pub async fn postgres() -> Option<TestDb> {
        let url = empty_postgres().await?;
        let store = Store::open(&url).await.unwrap();
        Some(TestDb { url, store, _dir: None })
    }

    /// A raw connection for tampering with rows as an attacker with database access would.
    pub async fn raw(&self) -> AnyPool {
        AnyPool::connect(&self.url).await.unwrap()
    }
}

/// The URL of a new, empty (unmigrated) database on the server named by
/// `FLAGWATCH_TEST_POSTGRES`; `None` when none is configured outside CI.
pub async fn empty_postgres() -> Option<String> {
    let Ok(admin) = std::env::var("FLAGWATCH_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI must set FLAGWATCH_TEST_POSTGRES");
        eprintln!("FLAGWATCH_TEST_POSTGRES is not set: skipping the PostgreSQL run");
        return None;
    };
    sqlx::any::install_default_drivers();
    let name = format!("flagwatch_test_{}", uuid::Uuid::new_v4().simple());
    let pool = AnyPool::connect(&admin).await.unwrap();
    pool.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    pool.close().await;
    let i = admin.rfind('/').expect("FLAGWATCH_TEST_POSTGRES ends with /<database>");
    Some(format!("{}/{name}", &admin[..i]))
}

/// Run one async test body on SQLite and on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::common::TestDb::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(db) = $crate::common::TestDb::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

/// Run the OASIS STIX 2.1 validator on `file` and fail on any error. Without the
/// validator installed this fails when `FLAGWATCH_REQUIRE_STIX_VALIDATOR` is set (CI), and
/// otherwise says it skipped.
pub fn assert_valid_stix(file: &std::path::Path) {
    let validated = match std::process::Command::new("stix2_validator").arg(file).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("FLAGWATCH_REQUIRE_STIX_VALIDATOR").is_none(),
                "FLAGWATCH_REQUIRE_STIX_VALIDATOR is set but stix2_validator is not on PATH (pip install stix2-validator)"
            );
            eprintln!("stix2_validator is not installed: skipping the OASIS validation");
            return;
        }
        Err(e) => panic!("cannot run stix2_validator: {e}"),
    };
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&validated.stdout),
        String::from_utf8_lossy(&validated.stderr)
    );
    for warning in report.lines().filter(|l| l.contains("[!]")) {
        eprintln!("stix2_validator: {}", warning.trim());
    }
    assert_eq!(validated.status.code(), Some(0), "stix2_validator failed:\n{report}");
    let errors: Vec<&str> = report.lines().filter(|l| l.contains("[X]")).collect();
    assert!(errors.is_empty(), "stix2_validator found errors:\n{report}");
    assert!(report.contains("STIX JSON: Valid"), "{report}");
}
