#!/usr/bin/ruby
# Oracle: RubyGems' own Gem::Version (Debian ruby). stdin a<TAB>b -> a<TAB>b<TAB>R.
# Gem::Version.correct? decides validity; the blank string, which RubyGems reads as "0", is not a version to Scout.
$stdout.sync = false
STDIN.each_line do |line|
  a, b = line.chomp("\n").split("\t", 2)
  valid = [a, b].all? { |v| v.strip != "" && Gem::Version.correct?(v) }
  r = valid ? (Gem::Version.new(a) <=> Gem::Version.new(b)).to_s : "invalid"
  print "#{a}\t#{b}\t#{r}\n"
end
