import ArgumentParser

/// `--no-anatomy`, shared by the commands that score customer messages (score, flag).
struct AnatomyOptions: ParsableArguments {
    @Flag(name: .customLong("no-anatomy"),
          help: "Score each customer message as written. By default only its body is scored: greetings, sign-offs (\"Thanks,\"), signatures, quoted earlier messages and boilerplate (\"Sent from my iPhone\") are left out (see 'temper normalize --anatomy').")
    var noAnatomy = false

    var enabled: Bool { !noAnatomy }
}
