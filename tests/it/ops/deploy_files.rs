//! The deployment files hold what operators rely on. No Docker engine runs
//! here, so they are parsed and checked rather than run.

use serde_norway::Value;

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn yaml(path: &str) -> Value {
    serde_norway::from_str(&read(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

#[test]
fn the_compose_file_starts_the_app_once_a_healthy_database_runs_on_a_named_volume() {
    let compose = yaml("docker-compose.yml");
    let (db, app) = (&compose["services"]["db"], &compose["services"]["app"]);

    assert!(
        text(&db["image"]).starts_with("postgres:"),
        "the official image"
    );
    let test = serde_norway::to_string(&db["healthcheck"]["test"]).unwrap();
    assert!(test.contains("pg_isready"), "{test}");
    let volume = text(&db["volumes"][0]);
    let (name, target) = volume.split_once(':').unwrap();
    assert!(
        !name.starts_with(['.', '/']),
        "a named volume, not a folder: {volume}"
    );
    assert!(compose["volumes"].get(name).is_some(), "{name} is declared");
    assert_eq!(target, "/var/lib/postgresql/data");
    assert_eq!(app["build"], Value::from("."));
    assert_eq!(
        app["depends_on"]["db"]["condition"],
        Value::from("service_healthy")
    );
    let environment = &app["environment"];
    for setting in ["DATABASE_URL", "BIND_ADDR", "LOG_FORMAT", "METRICS_TOKEN"] {
        assert!(environment.get(setting).is_some(), "{setting} is set");
    }
    // Passwords come from the environment; the fallback is the local default.
    let url = text(&environment["DATABASE_URL"]);
    assert!(url.contains("${POSTGRES_PASSWORD:-"), "{url}");
    assert!(text(&db["environment"]["POSTGRES_PASSWORD"]).starts_with("${POSTGRES_PASSWORD:-"));
}

#[test]
fn the_dockerfile_builds_in_stages_with_cached_dependencies_and_runs_unprivileged() {
    let dockerfile = read("Dockerfile");
    let instructions: Vec<&str> = dockerfile
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let stages: Vec<&str> = instructions
        .iter()
        .copied()
        .filter(|line| line.starts_with("FROM "))
        .collect();
    let runtime = stages.last().unwrap();
    let after_runtime = &dockerfile[dockerfile.find(runtime).unwrap()..];

    assert!(stages.len() >= 3, "{stages:?}");
    assert!(
        dockerfile.contains("cargo chef cook"),
        "dependencies in a layer of their own"
    );
    assert!(
        runtime.starts_with("FROM debian:bookworm-slim"),
        "{runtime}"
    );
    let user = after_runtime
        .lines()
        .find(|line| line.starts_with("USER "))
        .expect("a USER");
    assert!(
        !user.contains("root") && !user.ends_with(" 0") && !user.contains(" 0:"),
        "{user}"
    );
    assert!(after_runtime.contains("HEALTHCHECK"));
    assert!(after_runtime.contains("\"healthcheck\""));
    assert!(after_runtime.contains("BIND_ADDR=0.0.0.0:8080"));
}

/// Every step of every job of a workflow.
fn steps(workflow: &Value) -> Vec<&Value> {
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    jobs.values()
        .filter_map(|job| job["steps"].as_sequence())
        .flatten()
        .collect()
}

/// `owner/repo@<the commit's 40 hexadecimal digits>`: a tag can be moved to
/// other code, a commit cannot.
fn pinned_to_a_commit(action: &str) -> bool {
    action.split_once('@').is_some_and(|(_, commit)| {
        commit.len() == 40 && commit.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

#[test]
fn only_a_full_commit_pins_an_action() {
    assert!(pinned_to_a_commit(
        "actions/checkout@93cb6efe18208431cddfb8368fd83d5badbf9bfd"
    ));
    assert!(!pinned_to_a_commit("actions/checkout@v5"));
    assert!(!pinned_to_a_commit("actions/checkout@93cb6efe"));
    assert!(!pinned_to_a_commit("actions/checkout"));
}

#[test]
fn the_workflows_test_every_change_and_reach_production_only_through_staging_and_approval() {
    let ci = yaml(".github/workflows/ci.yml");
    let deploy = yaml(".github/workflows/deploy.yml");
    let jobs = &deploy["jobs"];

    for trigger in ["push", "pull_request", "workflow_call"] {
        assert!(ci["on"].get(trigger).is_some(), "CI runs on {trigger}");
    }
    assert!(ci["jobs"]["test"]["services"]["postgres"].is_mapping());
    assert_eq!(deploy["on"]["push"]["branches"][0], Value::from("main"));
    assert_eq!(
        jobs["test"]["uses"],
        Value::from("./.github/workflows/ci.yml")
    );
    assert_eq!(jobs["image"]["needs"], Value::from("test"));
    assert_eq!(
        jobs["image"]["permissions"]["packages"],
        Value::from("write")
    );
    let image_steps = serde_norway::to_string(&jobs["image"]["steps"]).unwrap();
    assert!(
        image_steps.contains("ghcr.io"),
        "pushed to GitHub's registry"
    );
    let production_needs = serde_norway::to_string(&jobs["production"]["needs"]).unwrap();
    assert!(production_needs.contains("staging"), "{production_needs}");
    for job in ["staging", "production"] {
        assert_eq!(
            jobs[job]["uses"],
            Value::from("./.github/workflows/rollout.yml")
        );
        assert_eq!(jobs[job]["with"]["environment"], Value::from(job));
    }
    let rollout = yaml(".github/workflows/rollout.yml");
    for step in steps(&ci)
        .into_iter()
        .chain(steps(&deploy))
        .chain(steps(&rollout))
    {
        if let Some(action) = step["uses"].as_str() {
            assert!(pinned_to_a_commit(action), "{action} is pinned to a commit");
        }
    }
}

#[test]
fn the_workflows_take_secrets_only_from_the_platform() {
    for path in [
        ".github/workflows/ci.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/rollout.yml",
    ] {
        let workflow = read(path);
        for (number, line) in workflow.lines().enumerate() {
            let lower = line.to_lowercase();
            let names_a_secret = ["password:", "client-secret:", "token:", "secret:"]
                .iter()
                .any(|key| lower.trim_start().starts_with(key));
            if names_a_secret {
                assert!(
                    line.contains("${{ secrets."),
                    "{path}:{}: {line}",
                    number + 1
                );
            }
        }
    }
}

#[test]
fn a_rollout_records_its_restore_point_and_waits_for_the_new_revision_itself() {
    let deploy = yaml(".github/workflows/deploy.yml");
    let rollout = read(".github/workflows/rollout.yml");
    assert!(
        !read(".github/workflows/deploy.yml").contains("backup create")
            && !rollout.contains("backup create"),
        "no on-demand backup: the Burstable tier has none, and they are few"
    );
    assert_eq!(
        deploy["jobs"]["staging"]["if"],
        Value::from("github.ref == 'refs/heads/main'"),
        "staging only from main"
    );
    assert_eq!(deploy["concurrency"]["group"], Value::from("deploy"));
    assert_eq!(
        deploy["concurrency"]["cancel-in-progress"],
        Value::from(false)
    );
    let restore_point = rollout
        .find("restore-time")
        .expect("the restore point is recorded");
    let update = rollout.find("az containerapp update").expect("a rollout");
    let waits = rollout
        .find("az containerapp revision show")
        .expect("the new revision's state is read");
    assert!(restore_point < update && update < waits, "in that order");
    for needed in [
        "--revision-suffix",
        "--cpu 0.5 --memory 1.0Gi",
        "properties.healthState",
        "properties.runningState",
        "latestReadyRevisionName",
        "--output none",
    ] {
        assert!(rollout.contains(needed), "rollout.yml uses {needed}");
    }
    assert!(
        !rollout.contains("/readyz"),
        "the old revision would answer it"
    );
}

#[test]
fn memory_is_set_for_the_container_in_compose_and_on_azure() {
    let compose = yaml("docker-compose.yml");
    assert_eq!(compose["services"]["app"]["mem_limit"], Value::from("1g"));
    let create = read("docs/deploy.md");
    let create = &create[create
        .find("az containerapp create")
        .expect("the app is created")..];
    let create = &create[..create.find("```").unwrap()];
    assert!(create.contains("--cpu 0.5 --memory 1.0Gi"), "{create}");
}
