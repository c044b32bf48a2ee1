from mus_build.cli import main

main()
