use super::*;
use crate::prefs::keymap::{Action, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn parse_str(text: &str) -> Result<Config, Error> {
    parse(text, Path::new("config.toml"), &Env::default())
}

fn error(text: &str) -> String {
    match parse_str(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_empty_file_is_the_defaults() {
    let c = parse_str("").unwrap();
    assert_eq!(c.style, Style::Apa);
    assert_eq!(c.theme, ThemeName::Ansi);
    assert!(c.mouse);
    assert_eq!(c.clipboard.choice, Choice::Auto);
    assert_eq!(c.data, None);
}

#[test]
fn every_setting_is_read() {
    let env = Env {
        home: Some("/home/u".into()),
        ..Env::default()
    };
    let c = parse(
        r#"
citation-style = "chicago"
theme = "dark"
mouse = false
clipboard = "command"
clipboard-command = "wl-copy --primary"
data = "~/atlas"
"#,
        Path::new("/etc/x/config.toml"),
        &env,
    )
    .unwrap();
    assert_eq!(c.style, Style::Chicago);
    assert_eq!(c.theme, ThemeName::Dark);
    assert!(!c.mouse);
    assert_eq!(
        c.clipboard.choice,
        Choice::Command(vec!["wl-copy".into(), "--primary".into()])
    );
    assert_eq!(c.data, Some(PathBuf::from("/home/u/atlas")));
    for (method, choice) in [
        ("auto", Choice::Auto),
        ("osc52", Choice::Osc52),
        ("tmux", Choice::Tmux),
        ("none", Choice::None),
    ] {
        let c = parse_str(&format!("clipboard = \"{method}\"")).unwrap();
        assert_eq!(c.clipboard.choice, choice);
    }
}

#[test]
fn a_relative_data_path_is_taken_from_the_config_folder() {
    let c = parse(
        "data = \"atlas\"",
        Path::new("/etc/x/config.toml"),
        &Env::default(),
    )
    .unwrap();
    assert_eq!(c.data, Some(PathBuf::from("/etc/x/atlas")));
}

#[test]
fn a_misspelt_key_names_line_column_and_key() {
    let e = error("mouse = true\nthemes = \"dark\"\n");
    assert!(e.starts_with("config.toml:2:1: key `themes`: "), "{e}");
    assert!(e.contains("unknown field `themes`"), "{e}");
}

#[test]
fn a_wrong_type_names_line_column_and_key() {
    let e = error("\n\nmouse = \"yes\"\n");
    assert!(e.starts_with("config.toml:3:9: key `mouse`: "), "{e}");
    assert!(e.contains("expected a boolean"), "{e}");
}

#[test]
fn toml_syntax_errors_have_a_position() {
    let e = error("theme = \"dark\"\nmouse = \n");
    assert!(e.starts_with("config.toml:2:"), "{e}");
}

#[test]
fn bad_values_name_the_key_and_the_choices() {
    let cases = [
        (
            "theme = \"solarized\"",
            "config.toml:1:9: key `theme`: ",
            "`dark`",
        ),
        (
            "citation-style = \"ieee\"",
            "config.toml:1:18: key `citation-style`: ",
            "chicago",
        ),
        (
            "clipboard = \"xclip\"",
            "config.toml:1:13: key `clipboard`: ",
            "\"command\"",
        ),
        (
            "clipboard = \"command\"",
            "config.toml:1:13: key `clipboard`: ",
            "clipboard-command",
        ),
        (
            "clipboard-command = \"xclip\"",
            "config.toml:1:21: key `clipboard-command`: ",
            "only used with",
        ),
        ("data = \"\"", "config.toml:1:8: key `data`: ", "built-in"),
    ];
    for (text, start, says) in cases {
        let e = error(text);
        assert!(e.starts_with(start), "{text}\n{e}");
        assert!(e.contains(says), "{text}\n{e}");
    }
}

#[test]
fn bindings_errors_name_the_key_path() {
    let cases = [
        (
            "[keys.browze]\nquit = [\"x\"]",
            "config.toml:1:7: key `keys.browze`: unknown mode",
        ),
        (
            "[keys.browse]\nquti = [\"x\"]",
            "config.toml:2:1: key `keys.browse.quti`: unknown action (did you mean `quit`?)",
        ),
        (
            "[keys.browse]\nquit = [\"q\", \"ctrl-q\", \"hyper-q\"]",
            "config.toml:2:24: key `keys.browse.quit`: unknown key `hyper-q`",
        ),
        (
            "[keys.search]\nforward = [\"f2\"]",
            "config.toml:2:1: key `keys.search.forward`: `forward` does nothing in search mode",
        ),
        (
            "[keys.search]\nclose = [\"q\"]",
            "config.toml:2:10: key `keys.search.close`: `q` is typed into the search box",
        ),
        (
            "[keys.help]\nclose = []\nquit = []",
            "config.toml:1:7: key `keys.help`: no key would leave help mode",
        ),
        (
            "[keys.browse]\nquit = \"q\"",
            "config.toml:2:8: key `keys.browse.quit`: invalid type",
        ),
    ];
    for (text, start) in cases {
        let e = error(text);
        assert!(e.starts_with(start), "{text}\n{e}");
    }
}

#[test]
fn a_conflict_names_both_actions_and_points_at_the_users_key() {
    let e = error("[keys.browse]\nsearch = [\"s\"]\nquit = [\"ctrl-c\", \"j\"]\n");
    assert!(
        e.starts_with("config.toml:3:19: key `keys.browse.quit`: `j` is bound to both"),
        "{e}"
    );
    assert!(e.contains("`down`") && e.contains("`quit`"), "{e}");
    let e = error("[keys.browse]\ncopy = [\"x\"]\ncopy-id = [\"x\"]\n");
    assert!(
        e.starts_with("config.toml:3:12: key `keys.browse.copy-id`"),
        "{e}"
    );
    assert!(e.contains("`copy`") && e.contains("`copy-id`"), "{e}");
}

#[test]
fn moving_a_key_between_actions_is_no_conflict() {
    // `j` leaves `down` and goes to `quit` in the same file.
    let c = parse_str("[keys.browse]\ndown = [\"down\"]\nquit = [\"j\"]\n").unwrap();
    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(c.keymap.action(Mode::Browse, &j), Some(Action::Quit));
    // Shared defaults stay in the other modes: j still moves in the help screen.
    assert_eq!(c.keymap.action(Mode::Help, &j), Some(Action::Down));
}

#[test]
fn the_default_config_loads_to_the_defaults() {
    let text = default_text();
    let c = parse_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(c.style, Style::Apa);
    assert_eq!(c.theme, ThemeName::Ansi);
    assert!(c.mouse);
    assert_eq!(c.clipboard.choice, Choice::Auto);
}

#[test]
fn the_default_bindings_uncommented_load_to_the_same_keymap() {
    let text: String = default_text()
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = [") => rest.to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let c = parse_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let default = Keymap::default();
    for mode in Mode::ALL {
        assert_eq!(c.keymap.hints(mode), default.hints(mode), "{mode:?}");
        // The same keys for each action, though not always in the same order.
        let sorted = |rows: Vec<(String, &'static str)>| -> Vec<(Vec<String>, &'static str)> {
            rows.into_iter()
                .map(|(keys, help)| {
                    let mut keys: Vec<String> = keys.split(' ').map(str::to_string).collect();
                    keys.sort();
                    (keys, help)
                })
                .collect()
        };
        assert_eq!(
            sorted(c.keymap.help(mode)),
            sorted(default.help(mode)),
            "{mode:?}"
        );
        for b in &default.bindings {
            let key = KeyEvent::new(b.code, b.mods);
            assert_eq!(
                c.keymap.action(mode, &key),
                default.action(mode, &key),
                "{mode:?} {b:?}"
            );
        }
    }
}

#[test]
fn the_default_config_documents_every_action_and_mode() {
    let text = default_text();
    for mode in Mode::ALL {
        assert!(text.contains(&format!("[keys.{}]", mode.config_name())));
        for action in Keymap::default().actions(mode) {
            assert!(
                text.contains(&format!("# {} = [", action.config_name())),
                "{action:?}"
            );
        }
    }
    assert!(text.contains("# quit = [\"q\", \"ctrl-c\"]"), "{text}");
    assert!(
        text.contains("# back = [\"ctrl-o\", \"alt-left\", \"backspace\"]"),
        "{text}"
    );
}

#[test]
fn paths_are_tried_in_order() {
    let env = Env {
        config: Some("/env/c.toml".into()),
        xdg_config_home: Some("/xdg".into()),
        xdg_data_home: Some("/xdgdata".into()),
        xdg_state_home: Some("/xdgstate".into()),
        home: Some("/home/u".into()),
        no_color: false,
    };
    let named = |path: &str, by| Location::Named {
        path: path.into(),
        by,
    };
    assert_eq!(
        locate(Some(Path::new("/flag.toml")), &env),
        named("/flag.toml", "--config")
    );
    assert_eq!(locate(None, &env), named("/env/c.toml", "NGO_ATLAS_CONFIG"));
    let env = Env {
        config: None,
        ..env
    };
    assert_eq!(
        locate(None, &env),
        Location::Usual(vec![
            "/xdg/ngo-atlas/config.toml".into(),
            "/home/u/.config/ngo-atlas/config.toml".into()
        ])
    );
    assert_eq!(
        marks_file(&env),
        Some("/xdgdata/ngo-atlas/marks.json".into())
    );
    assert_eq!(
        searches_file(&env),
        Some("/xdgstate/ngo-atlas/searches".into())
    );
    // A relative XDG directory is invalid and ignored, as the spec says.
    let env = Env {
        xdg_config_home: Some("rel".into()),
        xdg_data_home: Some("rel".into()),
        xdg_state_home: Some("rel".into()),
        ..env
    };
    assert_eq!(
        locate(None, &env),
        Location::Usual(vec!["/home/u/.config/ngo-atlas/config.toml".into()])
    );
    assert_eq!(
        marks_file(&env),
        Some("/home/u/.local/share/ngo-atlas/marks.json".into())
    );
    assert_eq!(
        searches_file(&env),
        Some("/home/u/.local/state/ngo-atlas/searches".into())
    );
    assert_eq!(locate(None, &Env::default()), Location::Usual(vec![]));
    assert_eq!(marks_file(&Env::default()), None);
}

#[test]
fn loading_uses_the_first_file_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = dir.path().join("xdg");
    let home = dir.path().join("home");
    let env = Env {
        xdg_config_home: Some(xdg.clone()),
        home: Some(home.clone()),
        ..Env::default()
    };
    // Nothing anywhere: the defaults.
    assert_eq!(load(None, &env).unwrap().file, None);
    let in_home = home.join(".config/ngo-atlas/config.toml");
    std::fs::create_dir_all(in_home.parent().unwrap()).unwrap();
    std::fs::write(&in_home, "theme = \"light\"").unwrap();
    let c = load(None, &env).unwrap();
    assert_eq!(
        (c.file.as_deref(), c.theme),
        (Some(in_home.as_path()), ThemeName::Light)
    );
    let in_xdg = xdg.join("ngo-atlas/config.toml");
    std::fs::create_dir_all(in_xdg.parent().unwrap()).unwrap();
    std::fs::write(&in_xdg, "theme = \"dark\"").unwrap();
    assert_eq!(load(None, &env).unwrap().theme, ThemeName::Dark);
    // A named file wins, and must exist.
    let named = dir.path().join("mine.toml");
    std::fs::write(&named, "theme = \"plain\"").unwrap();
    assert_eq!(load(Some(&named), &env).unwrap().theme, ThemeName::Plain);
    let env_named = Env {
        config: Some(named.clone()),
        ..env.clone()
    };
    assert_eq!(load(None, &env_named).unwrap().theme, ThemeName::Plain);
    let missing = dir.path().join("nope.toml");
    let e = load(Some(&missing), &env).unwrap_err().to_string();
    assert!(
        e.ends_with("no such file (it was named by --config)"),
        "{e}"
    );
    let e = load(
        None,
        &Env {
            config: Some(missing),
            ..env
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.ends_with("named by NGO_ATLAS_CONFIG)"), "{e}");
}

#[test]
fn no_color_wins_over_the_chosen_theme() {
    let c = parse_str("theme = \"dark\"").unwrap();
    assert_eq!(c.theme(&Env::default()), Theme::dark());
    let env = Env {
        no_color: true,
        ..Env::default()
    };
    assert_eq!(c.theme(&env), Theme::plain());
}
