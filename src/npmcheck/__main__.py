from npmcheck.entry import main

main()
