import ReboundCLI

ReboundCommand.runAndExit()
