# Oracle: Elixir's Version (Debian elixir), which Hex and Mix order package versions with.
# stdin a<TAB>b -> a<TAB>b<TAB>R; R is "invalid" when Version.parse refuses a side.
IO.stream(:stdio, :line)
|> Stream.map(fn line ->
  [a, b] = line |> String.trim_trailing("\n") |> String.split("\t", parts: 2)
  r =
    case {Version.parse(a), Version.parse(b)} do
      {{:ok, va}, {:ok, vb}} ->
        case Version.compare(va, vb) do
          :lt -> "-1"
          :eq -> "0"
          :gt -> "1"
        end
      _ -> "invalid"
    end
  "#{a}\t#{b}\t#{r}\n"
end)
|> Stream.into(IO.stream(:stdio, :line))
|> Stream.run()
