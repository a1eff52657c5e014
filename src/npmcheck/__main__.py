from npmcheck.cli import main

main()
